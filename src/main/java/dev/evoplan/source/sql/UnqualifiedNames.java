package dev.evoplan.source.sql;

import dev.evoplan.model.QualifiedName;

/**
 * How the parser gives an unqualified name its schema: the session's search_path (see {@link
 * SearchPath}). A name being created and a name being looked up resolve differently once the path
 * has more than one schema.
 */
interface UnqualifiedNames {
    /** Without a search_path set: every unqualified name is public's. */
    UnqualifiedNames PUBLIC =
            new UnqualifiedNames() {
                @Override
                public QualifiedName created(String name) {
                    return QualifiedName.of(name);
                }

                @Override
                public QualifiedName existing(String name) {
                    return QualifiedName.of(name);
                }
            };

    /** The name of an object the statement creates. */
    QualifiedName created(String name);

    /** The name of an object the statement uses, which exists already. */
    QualifiedName existing(String name);
}

package dev.evoplan.source.liquibase;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.exception.ChangeLogParseException;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.parser.core.ParsedNode;
import liquibase.parser.core.xml.LiquibaseEntityResolver;
import liquibase.parser.core.xml.XMLChangeLogSAXParser;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.XMLReader;

/**
 * Liquibase's XML changelog parser, with the XSD grammars it validates against kept between files.
 * Liquibase builds a new SAX parser for every file, and the JDK's Xerces parses the cited {@code
 * dbchangelog-X.xsd} again for each (about a fifth of a plan of Apache Fineract). Here each new
 * parser is given a grammar pool (Xerces' {@code grammar-pool} property): a file whose only {@code
 * schemaLocation} is on its root element, naming XSDs by absolute URL that Liquibase serves from
 * its own jar (the class path, never the project's files), starts with the grammars the last file
 * with the same {@code schemaLocation} value built, as Xerces built them from the same bytes; any
 * other file loads its grammars as before. Validation, its errors and the XSD's attribute defaults
 * are Xerces' own either way; only the rebuilding of an identical grammar is skipped.
 *
 * <p>The pool's interface is in a package java.xml does not export, so it is implemented by a
 * {@link Proxy} that never looks inside a grammar: it hands back, at the start of a file, the array
 * of grammars Xerces gave it at the end of a file with the same key. Where any of this is not
 * possible (another XML parser, a Liquibase whose parser differs), Liquibase's own parser runs as
 * it is.
 */
final class XsdGrammarCache {
    private static final String GRAMMAR_POOL =
            "http://apache.org/xml/properties/internal/grammar-pool";
    private static final String POOL_INTERFACE =
            "com.sun.org.apache.xerces.internal.xni.grammars.XMLGrammarPool";

    /** The grammar type of XML Schema; the DTD validator asks the same pool for DTDs. */
    private static final String XML_SCHEMA = "http://www.w3.org/2001/XMLSchema";

    private static final Pattern SCHEMA_LOCATION =
            Pattern.compile("schemaLocation\\s*=\\s*(\"([^\"<&]*)\"|'([^'<&]*)')");

    private static final Pattern XSI_BINDING =
            Pattern.compile(
                    "\\sxmlns:xsi\\s*=\\s*([\"'])http://www\\.w3\\.org/2001/XMLSchema-instance\\1");

    /** Grammars Xerces built, by the schemaLocation value of the files they were built for. */
    private static final Map<String, Object[]> GRAMMARS = new ConcurrentHashMap<>();

    /** The key of the file the current thread parses, or null: load as Xerces would. */
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private static boolean registered;

    private XsdGrammarCache() {}

    /** Whether grammars built for files with this schemaLocation value are kept. */
    static boolean holds(String key) {
        return GRAMMARS.containsKey(key);
    }

    /** Puts the caching parser before Liquibase's own; once per JVM. */
    static synchronized void register() {
        if (registered) {
            return;
        }
        registered = true;
        try {
            Object pool = pool();
            ChangeLogParserFactory.getInstance().register(new Parser(pool));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // Liquibase's own parser stays: the same results, grammars built per file.
        }
    }

    private static Object pool() throws ClassNotFoundException {
        Class<?> type = Class.forName(POOL_INTERFACE, false, null);
        InvocationHandler handler =
                (proxy, method, args) ->
                        switch (method.getName()) {
                            case "retrieveInitialGrammarSet" -> {
                                String key = XML_SCHEMA.equals(args[0]) ? CURRENT.get() : null;
                                Object[] grammars = key == null ? null : GRAMMARS.get(key);
                                yield grammars == null
                                        ? null
                                        : grammars.clone(); // keeps the array's runtime type
                            }
                            case "cacheGrammars" -> {
                                String key = XML_SCHEMA.equals(args[0]) ? CURRENT.get() : null;
                                if (key != null && args[1] instanceof Object[] grammars) {
                                    GRAMMARS.putIfAbsent(key, grammars.clone());
                                }
                                yield null;
                            }
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            case "toString" -> "evoplan XSD grammar cache";
                            // retrieveGrammar: none by description (Xerces keys those by namespace
                            // alone); lockPool, unlockPool, clear: nothing to do.
                            default -> null;
                        };
        return Proxy.newProxyInstance(
                XsdGrammarCache.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    /**
     * The cache key of an XML changelog's text: the value of its one {@code schemaLocation}
     * attribute, on the root element, when every location in it is an absolute URL that Liquibase
     * resolves on the class path; otherwise null.
     */
    static String keyOf(String text, ClassLoader search) {
        Matcher m = SCHEMA_LOCATION.matcher(text);
        if (!m.find()) {
            return null;
        }
        int at = m.start();
        if (m.find()) {
            return null; // more than one: a nested element adds locations of its own
        }
        // xsi:schemaLocation, the prefix bound to the instance namespace on the root element.
        if (at < 5
                || !text.startsWith("xsi:", at - 4)
                || !Character.isWhitespace(text.charAt(at - 5))) {
            return null; // noNamespaceSchemaLocation, or another prefix
        }
        int root = rootStart(text);
        int rootEnd = root < 0 ? -1 : text.indexOf('>', root);
        if (root < 0 || at < root || rootEnd < at) {
            return null;
        }
        if (!XSI_BINDING.matcher(text.substring(root, rootEnd)).find()) {
            return null;
        }
        m.reset();
        m.find();
        String value = m.group(2) != null ? m.group(2) : m.group(3);
        String[] parts = value.trim().split("\\s+");
        if (parts.length == 0 || parts.length % 2 != 0) {
            return null;
        }
        for (int i = 1; i < parts.length; i += 2) {
            String location = parts[i];
            String lower = location.toLowerCase(java.util.Locale.ROOT);
            if (!(lower.startsWith("http://") || lower.startsWith("https://"))) {
                return null;
            }
            // As LiquibaseEntityResolver looks it up: found there, it never reads the project's
            // files.
            String path =
                    lower.replace(
                                    "http://www.liquibase.org/xml/ns/migrator/",
                                    "http://www.liquibase.org/xml/ns/dbchangelog/")
                            .replaceFirst("https?://", "");
            if (search.getResource(path) == null) {
                return null;
            }
        }
        return String.join(" ", parts);
    }

    /**
     * Whether an XML changelog's grammar is one Liquibase serves from its own jar, whatever the
     * project's files hold ({@link #keyOf}), and it declares no DOCTYPE.
     */
    static boolean servedByLiquibase(String text) {
        return keyOf(text, Search.LOADER) != null;
    }

    /** The class loader LiquibaseEntityResolver searches for XSDs first, made when first used. */
    private static final class Search {
        static final ClassLoader LOADER = new ResolverLoader().loader();
    }

    /** Where the root element's start tag begins, after the prolog; -1 when unclear. */
    private static int rootStart(String text) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\uFEFF') {
                i++;
            } else if (text.startsWith("<?", i)) {
                int end = text.indexOf("?>", i);
                if (end < 0) {
                    return -1;
                }
                i = end + 2;
            } else if (text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i);
                if (end < 0) {
                    return -1;
                }
                i = end + 3;
            } else if (text.startsWith("<!", i)) {
                return -1; // a DOCTYPE: entities could add text; not worth following
            } else if (c == '<') {
                return i;
            } else {
                return -1;
            }
        }
        return -1;
    }

    /** Liquibase's XML parser, whose SAX parsers share the grammar pool. */
    static final class Parser extends XMLChangeLogSAXParser {
        private final ClassLoader search;
        private final boolean pooled;

        Parser(Object pool) throws ReflectiveOperationException {
            Field field = XMLChangeLogSAXParser.class.getDeclaredField("saxParserFactory");
            field.setAccessible(true);
            SAXParserFactory original = (SAXParserFactory) field.get(this);
            field.set(this, new PooledFactory(original, pool));
            this.pooled = original.isValidating();
            this.search = new ResolverLoader().loader();
        }

        @Override
        public int getPriority() {
            return super.getPriority() + 1;
        }

        @Override
        protected ParsedNode parseToNode(
                String physicalChangeLogLocation,
                ChangeLogParameters changeLogParameters,
                ResourceAccessor resourceAccessor)
                throws ChangeLogParseException {
            if (!pooled) {
                return super.parseToNode(
                        physicalChangeLogLocation, changeLogParameters, resourceAccessor);
            }
            String key = null;
            Resource resource = null;
            byte[] bytes = null;
            try {
                resource = resourceAccessor.get(physicalChangeLogLocation);
                if (resource != null && resource.exists()) {
                    try (InputStream in = resource.openInputStream()) {
                        bytes = in.readAllBytes();
                    }
                    key = keyOf(new String(bytes, StandardCharsets.UTF_8), search);
                    if (changeLogParameters instanceof ChangelogLimits.Parameters parameters) {
                        parameters.parsedXml(physicalChangeLogLocation, key != null);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Liquibase reads it again below and reports what it finds, as it would.
                bytes = null;
                key = null;
            }
            // The bytes just read, handed to Liquibase so it does not read the file again; the
            // wrapper holds nothing of its own to close.
            ResourceAccessor accessor =
                    bytes == null
                            ? resourceAccessor
                            : Appended.Overlay.readAlready(
                                    resourceAccessor,
                                    physicalChangeLogLocation,
                                    new Appended.Replaced(resource, bytes));
            String outer = CURRENT.get();
            CURRENT.set(key);
            try {
                return super.parseToNode(physicalChangeLogLocation, changeLogParameters, accessor);
            } finally {
                CURRENT.set(outer);
            }
        }
    }

    /** The class loader LiquibaseEntityResolver searches for XSDs first. */
    private static final class ResolverLoader extends LiquibaseEntityResolver {
        ClassLoader loader() {
            return getSearchClassloader();
        }
    }

    /** Liquibase's SAX parser factory, whose parsers are given the pool. */
    private static final class PooledFactory extends SAXParserFactory {
        private final SAXParserFactory original;
        private final Object pool;

        PooledFactory(SAXParserFactory original, Object pool) {
            this.original = original;
            this.pool = pool;
            super.setNamespaceAware(original.isNamespaceAware());
            super.setValidating(original.isValidating());
        }

        @Override
        public SAXParser newSAXParser() throws ParserConfigurationException, SAXException {
            SAXParser parser = original.newSAXParser();
            try {
                parser.setProperty(GRAMMAR_POOL, pool);
            } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
                // Another parser implementation: it builds grammars per file, as before.
            }
            // Inside a load, extensions' changes keep their namespace ({@link ExtensionChange}).
            return Scope.getCurrentScope().get(ChangeChoices.SCOPE_KEY, ChangeChoices.class) == null
                    ? parser
                    : new MarkingParser(parser);
        }

        @Override
        public void setFeature(String name, boolean value)
                throws ParserConfigurationException,
                        SAXNotRecognizedException,
                        SAXNotSupportedException {
            original.setFeature(name, value);
        }

        @Override
        public boolean getFeature(String name)
                throws ParserConfigurationException,
                        SAXNotRecognizedException,
                        SAXNotSupportedException {
            return original.getFeature(name);
        }
    }

    /**
     * A SAX parser whose reader passes Liquibase's handler through {@link ExtensionChange.Marking}.
     */
    private static final class MarkingParser extends SAXParser {
        private final SAXParser original;
        private XMLReader reader;

        MarkingParser(SAXParser original) {
            this.original = original;
        }

        @Override
        @SuppressWarnings("deprecation")
        public org.xml.sax.Parser getParser() throws SAXException {
            return original.getParser();
        }

        @Override
        public XMLReader getXMLReader() throws SAXException {
            if (reader == null) {
                reader = new ExtensionChange.Marking(original.getXMLReader());
            }
            return reader;
        }

        @Override
        public boolean isNamespaceAware() {
            return original.isNamespaceAware();
        }

        @Override
        public boolean isValidating() {
            return original.isValidating();
        }

        @Override
        public void setProperty(String name, Object value)
                throws SAXNotRecognizedException, SAXNotSupportedException {
            original.setProperty(name, value);
        }

        @Override
        public Object getProperty(String name)
                throws SAXNotRecognizedException, SAXNotSupportedException {
            return original.getProperty(name);
        }
    }
}

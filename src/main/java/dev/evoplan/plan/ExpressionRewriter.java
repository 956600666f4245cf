package dev.evoplan.plan;

import dev.evoplan.model.Identifiers;
import dev.evoplan.model.SqlText;
import java.util.Locale;
import java.util.function.Function;

/**
 * Replaces column references in a SQL expression (a check, an index expression, a USING clause). A
 * light tokenizer, not a parser: it skips string literals, folds bare words, keeps quoted
 * identifiers exact, and leaves alone a word that is a function name (followed by {@code (}) or a
 * type name (after {@code ::}). Good enough for the expressions schemas hold; the plan's SQL is
 * reviewed and verified on a real server before it runs in production.
 */
final class ExpressionRewriter {
    private ExpressionRewriter() {}

    /**
     * {@code expression} with every reference to column {@code from} written as {@code to}: the
     * same rewrite the model's schema editor makes ({@link SqlText#renameIdentifier}).
     */
    static String renameColumn(String expression, String from, String to) {
        return SqlText.renameIdentifier(expression, from, to);
    }

    /**
     * Rewrites each identifier for which {@code replacement} returns non-null (the argument is the
     * folded name); other text is copied as is.
     */
    static String map(String expression, Function<String, String> replacement) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = expression.length();
        while (i < n) {
            char c = expression.charAt(i);
            if (c == '\'') {
                int end = i + 1;
                while (end < n) {
                    if (expression.charAt(end) == '\'') {
                        if (end + 1 < n && expression.charAt(end + 1) == '\'') {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                end = Math.min(end + 1, n);
                out.append(expression, i, end);
                i = end;
            } else if (c == '"') {
                int end = i + 1;
                while (end < n) {
                    if (expression.charAt(end) == '"') {
                        if (end + 1 < n && expression.charAt(end + 1) == '"') {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                end = Math.min(end + 1, n);
                String token = expression.substring(i, end);
                out.append(
                        replace(expression, i, end, Identifiers.fold(token), token, replacement));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < n
                        && (Character.isLetterOrDigit(expression.charAt(end))
                                || expression.charAt(end) == '_'
                                || expression.charAt(end) == '$')) {
                    end++;
                }
                String token = expression.substring(i, end);
                out.append(
                        replace(
                                expression,
                                i,
                                end,
                                token.toLowerCase(Locale.ROOT),
                                token,
                                replacement));
                i = end;
            } else if (Character.isDigit(c)) {
                // A number such as 1e10 must not have its exponent read as an identifier.
                int end = i + 1;
                while (end < n
                        && (Character.isLetterOrDigit(expression.charAt(end))
                                || expression.charAt(end) == '.')) {
                    end++;
                }
                out.append(expression, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String replace(
            String expression,
            int start,
            int end,
            String folded,
            String original,
            Function<String, String> replacement) {
        if (isFunctionCall(expression, end) || isTypeName(expression, start)) {
            return original;
        }
        String r = replacement.apply(folded);
        return r == null ? original : r;
    }

    private static boolean isFunctionCall(String s, int end) {
        int j = end;
        while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
            j++;
        }
        return j < s.length() && s.charAt(j) == '(';
    }

    private static boolean isTypeName(String s, int start) {
        int j = start - 1;
        while (j >= 0 && Character.isWhitespace(s.charAt(j))) {
            j--;
        }
        return j >= 1 && s.charAt(j) == ':' && s.charAt(j - 1) == ':';
    }
}

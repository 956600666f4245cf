package dev.evoplan.fix;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of whole files, in the form {@code git apply} accepts ({@code diff --git} headers,
 * three lines of context, {@code \ No newline at end of file} where a side has none). Lines are
 * compared whole; the common head and tail are cut off first, so the quadratic comparison only sees
 * the lines a fix touched.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;
    private static final String NO_EOL = "\u0000";

    private UnifiedDiff() {}

    /**
     * The diff of every file the fixes change or add, in the order given, with paths relative to
     * {@code root}.
     */
    public static String of(List<FileFix> fixes, java.nio.file.Path root) {
        StringBuilder out = new StringBuilder();
        for (FileFix f : fixes) {
            if (!f.before().equals(f.after())) {
                out.append(file(shown(root, f.path()), f.before(), f.after()));
            }
            for (FileFix.NewFile n : f.added()) {
                out.append(added(shown(root, n.path()), n.content()));
            }
        }
        return out.toString();
    }

    /**
     * A path as the diff names it: relative to {@code root} with {@code /}, as git apply expects.
     */
    static String shown(java.nio.file.Path root, String path) {
        java.nio.file.Path abs = java.nio.file.Path.of(path).toAbsolutePath().normalize();
        java.nio.file.Path base = root.toAbsolutePath().normalize();
        java.nio.file.Path rel = abs.startsWith(base) ? base.relativize(abs) : abs;
        return rel.toString().replace(java.io.File.separatorChar, '/');
    }

    static String added(String path, String content) {
        List<String> lines = lines(content);
        StringBuilder out = new StringBuilder("diff --git a/" + path + " b/" + path + "\n");
        out.append("new file mode 100644\n--- /dev/null\n+++ b/").append(path).append('\n');
        out.append("@@ -0,0 +1")
                .append(lines.size() == 1 ? "" : "," + lines.size())
                .append(" @@\n");
        lines.forEach(l -> line(out, '+', l));
        return out.toString();
    }

    static String file(String path, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Op> ops = ops(a, b);
        StringBuilder out = new StringBuilder("diff --git a/" + path + " b/" + path + "\n");
        out.append("--- a/").append(path).append("\n+++ b/").append(path).append('\n');
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).kind == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            // Extend the hunk while the next change is within two contexts of the last one.
            int lastChange = i;
            for (int j = i; j < ops.size(); j++) {
                if (ops.get(j).kind != ' ') {
                    lastChange = j;
                } else if (j - lastChange > 2 * CONTEXT) {
                    break;
                }
            }
            int end = Math.min(ops.size() - 1, lastChange + CONTEXT);
            int aStart = -1;
            int bStart = -1;
            int aCount = 0;
            int bCount = 0;
            StringBuilder body = new StringBuilder();
            for (int j = start; j <= end; j++) {
                Op op = ops.get(j);
                if (op.kind != '+') {
                    if (aStart < 0) {
                        aStart = op.a;
                    }
                    aCount++;
                }
                if (op.kind != '-') {
                    if (bStart < 0) {
                        bStart = op.b;
                    }
                    bCount++;
                }
                line(body, op.kind, op.kind == '+' ? b.get(op.b) : a.get(op.a));
            }
            // A side with no lines in the hunk is numbered by the line before it.
            int aLine = aCount == 0 ? firstBefore(ops, start, true) : aStart + 1;
            int bLine = bCount == 0 ? firstBefore(ops, start, false) : bStart + 1;
            out.append("@@ -")
                    .append(range(aLine, aCount))
                    .append(" +")
                    .append(range(bLine, bCount))
                    .append(" @@\n");
            out.append(body);
            i = end + 1;
        }
        return out.toString();
    }

    private static int firstBefore(List<Op> ops, int start, boolean aSide) {
        int n = 0;
        for (int j = 0; j < start; j++) {
            Op op = ops.get(j);
            if (aSide ? op.kind != '+' : op.kind != '-') {
                n++;
            }
        }
        return n;
    }

    private static String range(int line, int count) {
        return count == 1 ? String.valueOf(line) : line + "," + count;
    }

    private static void line(StringBuilder out, char kind, String text) {
        boolean noNewline = text.endsWith(NO_EOL);
        out.append(kind)
                .append(noNewline ? text.substring(0, text.length() - 1) : text)
                .append('\n');
        if (noNewline) {
            out.append("\\ No newline at end of file\n");
        }
    }

    /**
     * The lines of a text without their line ends; a final line end adds no empty line. A last line
     * with no line end carries {@link #NO_EOL}, so it differs from the same text with one.
     */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start) + NO_EOL);
        }
        return out;
    }

    /**
     * One line of the comparison: kept (' '), removed ('-') or added ('+'), with its index on each
     * side.
     */
    private record Op(char kind, int a, int b) {}

    private static List<Op> ops(List<String> a, List<String> b) {
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head
                && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        int n = a.size() - head - tail;
        int m = b.size() - head - tail;
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] =
                        a.get(head + i).equals(b.get(head + j))
                                ? lcs[i + 1][j + 1] + 1
                                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Op> ops = new ArrayList<>();
        for (int k = 0; k < head; k++) {
            ops.add(new Op(' ', k, k));
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(head + i).equals(b.get(head + j))) {
                ops.add(new Op(' ', head + i++, head + j++));
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new Op('-', head + i++, head + j));
            } else {
                ops.add(new Op('+', head + i, head + j++));
            }
        }
        for (int k = 0; k < tail; k++) {
            ops.add(new Op(' ', a.size() - tail + k, b.size() - tail + k));
        }
        return ops;
    }
}

package dev.evoplan.fix;

import java.util.List;

/**
 * The fixes lint can make: the files they change, and for each finding with no mechanical fix here,
 * one line saying where and why.
 */
public record FixResult(List<FileFix> files, List<String> notFixed) {
    public FixResult {
        files = List.copyOf(files);
        notFixed = List.copyOf(notFixed);
    }
}

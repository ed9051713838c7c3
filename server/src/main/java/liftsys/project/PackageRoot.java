package liftsys.project;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The source root a file's package declaration implies: {@code /w/src/a/b/C.java} declaring
 * {@code package a.b;} lives under {@code /w/src}. For files that no build owns, and for files of a
 * build outside its declared source roots.
 */
final class PackageRoot {
    private static final Pattern COMMENTS = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern PACKAGE = Pattern.compile("^\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*package\\s+([\\w.\\s]+?)\\s*;",
            Pattern.MULTILINE);

    private PackageRoot() {
    }

    /** The root, or the file's own directory when the package does not match the path (or there is none). */
    static Path of(Path file, String text) {
        Path dir = file.getParent();
        String packageName = packageName(text);
        if (packageName.isEmpty() || dir == null) {
            return dir;
        }
        Path relative = Path.of(packageName.replace('.', '/'));
        if (!dir.endsWith(relative)) {
            return dir;
        }
        Path root = dir;
        for (int i = 0; i < relative.getNameCount(); i++) {
            root = root.getParent();
        }
        return root;
    }

    /** The declared package, "" for the default package; only the text before the first type counts. */
    static String packageName(String text) {
        String head = COMMENTS.matcher(text.length() > 20_000 ? text.substring(0, 20_000) : text).replaceAll(" ");
        Matcher m = PACKAGE.matcher(head);
        return m.find() ? m.group(1).replaceAll("\\s", "") : "";
    }
}

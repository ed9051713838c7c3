package liftsys.text;

/** One content change of a {@code didChange}: a range replaced by text, or the whole text when range is null. */
public record TextChange(TextRange range, String text) {
    public static TextChange wholeText(String text) {
        return new TextChange(null, text);
    }
}

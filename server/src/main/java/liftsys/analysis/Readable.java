package liftsys.analysis;

import liftsys.ir.UnparsedMember;
import liftsys.text.DocumentSnapshot;
import liftsys.text.Position;

/**
 * Positions and problems as users read them: editors number lines and columns from 1, the
 * protocol from 0. Every message meant for a person goes through here.
 */
public final class Readable {
    private Readable() {
    }

    /** "line 9, column 17" for the protocol's 0-based position 8:16. */
    public static String position(Position p) {
        return "line " + (p.line() + 1) + ", column " + (p.character() + 1);
    }

    /** The 1-based position of an offset of the snapshot's text. */
    public static String position(DocumentSnapshot snapshot, int offset) {
        return position(snapshot.positionOf(Math.max(0, Math.min(offset, snapshot.text().length()))));
    }

    /** Why a question inside a method that does not parse gets no answer, and where to look. */
    public static String doesNotParse(DocumentSnapshot snapshot, UnparsedMember member) {
        int at = member.problem().offset() >= 0 ? member.problem().offset() : member.nameRange().start();
        if (member.problem().tooDeep()) {
            return member.name() + " (" + position(snapshot, member.nameRange().start()) + ") cannot be read: "
                    + member.problem().summary() + ". The other methods of the file still answer.";
        }
        return member.name() + " does not parse: " + member.problem().summary() + " at " + position(snapshot, at)
                + ". Its variables are answered again once it parses; the other methods of the file still answer.";
    }
}

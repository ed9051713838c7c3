package liftsys.ir;

/**
 * A member whose text parses but whose graph cannot be built, because it nests too deeply even
 * for {@link DeepStack}'s threads. The message says why, for the user.
 */
public final class UnreadableMemberException extends RuntimeException {
    public UnreadableMemberException(String message) {
        super(message);
    }
}

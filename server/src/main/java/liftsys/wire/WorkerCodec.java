package liftsys.wire;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import liftsys.wire.Wire.Fact;
import liftsys.wire.Wire.Reply;
import liftsys.wire.Wire.Request;

/**
 * The one codec of the worker boundary: every message is a frame (a magic number, the length of
 * its body in bytes, the body) whose body is one {@link Wire} record as JSON, written and read by
 * Gson. Frames, because the pipe carries one message after another and a reader must know where
 * one ends without parsing ahead; JSON by Gson, because fields are read by name (no positional
 * format for two sides to keep in step by hand) and the sidecar's boundary is written the same way.
 * Stateless and thread-safe.
 *
 * <p>What is set here:
 * <ul>
 *   <li>Numbers keep every bit (Gson writes the shortest text that reads back to the same double).
 *       A recorded value may be NaN or infinite, which JSON has no number for: Gson writes them as
 *       the bare words {@code NaN} and {@code Infinity}, and reads them leniently.
 *   <li>The worker runs code it does not trust, so its replies are not trusted either: a frame that
 *       does not start with the magic number (a JVM message on stdout) or announces more than
 *       {@link #MAX_FRAME_BYTES}, a body that is not JSON, and a reply whose parts are missing or
 *       disagree (rows of different widths, sample indexes not one per row) are an
 *       {@link IOException} that says so, never a reply with holes in it.
 *   <li>The worker runs Gson outside its sandbox's thread group (the security manager restricts
 *       only the traced code's threads), and the traced code cannot see Gson: its class loader
 *       has the platform loader, not the worker's class path, as its parent.
 * </ul>
 */
public final class WorkerCodec {
    /** Starts every frame; anything else on the pipe is not a message. */
    private static final int MAGIC = 0x4C465457;
    /** Changes with any change of the records, so a worker of another build is told apart at once. */
    public static final int VERSION = 5;
    /** Largest frame accepted, so garbage on the pipe cannot make the server allocate without bound. */
    public static final int MAX_FRAME_BYTES = 256 << 20;
    /** Most facts or kinds of exceptions a message may carry. */
    private static final int MAX_ITEMS = 1 << 16;

    private static final Gson GSON = new GsonBuilder()
            .serializeSpecialFloatingPointValues()
            .setStrictness(Strictness.LENIENT)
            .disableHtmlEscaping()
            .create();

    private WorkerCodec() {
    }

    /** The worker's first message: which version of these records it speaks. */
    record Hello(int version) {
    }

    public static void writeHello(DataOutputStream out) throws IOException {
        writeFrame(out, new Hello(VERSION));
    }

    /** Reads the worker's greeting; anything but this build's version is an error. */
    public static void readHello(DataInputStream in) throws IOException {
        Hello hello = readFrame(in, Hello.class, "greeting");
        if (hello.version() != VERSION) {
            throw new IOException("the worker answered with a wrong greeting (version " + hello.version() + ", not "
                    + VERSION + ")");
        }
    }

    public static void writeRequest(DataOutputStream out, Request request) throws IOException {
        writeFrame(out, request);
    }

    /** Reads the next request; an {@link java.io.EOFException} when the server closed the pipe between requests. */
    public static Request readRequest(DataInputStream in) throws IOException {
        Request r = readFrame(in, Request.class, "request");
        String problem = problem(r);
        if (problem != null) {
            throw new IOException("a malformed request: " + problem);
        }
        return r;
    }

    public static void writeReply(DataOutputStream out, Reply reply) throws IOException {
        writeFrame(out, reply);
    }

    public static Reply readReply(DataInputStream in) throws IOException {
        Reply r = readFrame(in, Reply.class, "reply");
        String problem = problem(r);
        if (problem != null) {
            throw new IOException("the worker's reply is malformed: " + problem);
        }
        return r;
    }

    /**
     * What the worker JVM's class path must hold: the wire's and the worker's classes (one jar or
     * classes directory, the server's own) and Gson's (the same jar in the packaged server).
     */
    public static List<Path> classPath() {
        List<Path> paths = new ArrayList<>();
        for (Class<?> c : List.of(Wire.class, Gson.class)) {
            try {
                Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (!paths.contains(p)) {
                    paths.add(p);
                }
            } catch (URISyntaxException | RuntimeException e) {
                throw new IllegalStateException("cannot locate the classes of " + c.getName(), e);
            }
        }
        return List.copyOf(paths);
    }

    private static void writeFrame(DataOutputStream out, Object message) throws IOException {
        byte[] body = GSON.toJson(message).getBytes(StandardCharsets.UTF_8);
        out.writeInt(MAGIC);
        out.writeInt(body.length);
        out.write(body);
    }

    private static <T> T readFrame(DataInputStream in, Class<T> type, String what) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException("the pipe carries something that is not a " + what);
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME_BYTES) {
            throw new IOException("a " + what + " of " + length + " bytes is announced");
        }
        byte[] body = new byte[length];
        in.readFully(body);
        T message;
        try {
            message = GSON.fromJson(new String(body, StandardCharsets.UTF_8), type);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new IOException("a " + what + " that cannot be read: " + e.getMessage(), e);
        }
        if (message == null) {
            throw new IOException("an empty " + what);
        }
        return message;
    }

    /** What is wrong with a request, or null; the server's requests are checked too, as they always were. */
    static String problem(Request r) {
        if (r.code() == null || r.recording() == null || r.sampling() == null || r.forcing() == null) {
            return "a part is missing";
        }
        Wire.Code code = r.code();
        if (code.sources() == null || code.sources().isEmpty() || code.classpath() == null || code.project() == null
                || code.project().sourcePath() == null || code.project().openSources() == null
                || code.className() == null || code.methodName() == null) {
            return "the code to run is incomplete";
        }
        if (r.recording().kinds() == null || r.recording().regions() == null || hasNull(r.recording().regions())) {
            return "what to record is incomplete";
        }
        Wire.Sampling s = r.sampling();
        if (s.inputs() == null || hasNull(s.inputs()) || s.numbers() == null || s.strings() == null
                || s.facts() == null) {
            return "how to draw inputs is incomplete";
        }
        for (Wire.InputSpec input : s.inputs()) {
            if (input.numbers() == null || input.column() == null || input.name() == null) {
                return "an input is incomplete";
            }
        }
        Wire.Forcing f = r.forcing();
        if (f.mode() == null || f.slots() == null || f.parameters() == null || f.values() == null
                || hasNull(f.values())) {
            return "the intervention is incomplete";
        }
        if (f.values().length > f.slots().length + f.parameters().length) {
            return f.values().length + " tables of values to force for " + (f.slots().length + f.parameters().length)
                    + " forced definitions";
        }
        if (s.facts().size() > MAX_ITEMS) {
            return s.facts().size() + " facts";
        }
        for (Fact fact : s.facts()) {
            if (fact == null || fact.kind() == null || fact.input() < 0 || fact.input() >= s.inputs().size()
                    || fact.other() >= s.inputs().size()) {
                return "a malformed fact: " + fact;
            }
        }
        return null;
    }

    /** What is wrong with a reply, or null. */
    static String problem(Reply r) {
        if (r.outcome() == null) {
            return "no outcome";
        }
        if (r.rows() == null || hasNull(r.rows()) || r.seen() == null || r.inputs() == null || hasNull(r.inputs())
                || r.samples() == null || r.ran() == null || hasNull(r.ran()) || r.exceptions() == null
                || hasNull(r.exceptions()) || r.dictionary() == null || r.numbers() == null) {
            return "a part is missing";
        }
        int width = r.rows().length == 0 ? 0 : r.rows()[0].length;
        for (double[] row : r.rows()) {
            if (row.length != width) {
                return "rows of " + width + " and of " + row.length + " values";
            }
        }
        if (r.samples().length != r.rows().length) {
            return r.samples().length + " sample indexes for " + r.rows().length + " rows";
        }
        if (r.ran().length != 0 && r.ran().length != r.rows().length) {
            return r.ran().length + " sets of ran definitions for " + r.rows().length + " rows";
        }
        for (Wire.Sampled s : r.inputs()) {
            if (s.column() == null || s.model() == null || s.categories() == null) {
                return "an input it sampled is described incompletely";
            }
        }
        if (r.exceptions().size() > MAX_ITEMS) {
            return r.exceptions().size() + " kinds of exceptions";
        }
        return null;
    }

    private static boolean hasNull(Object[] items) {
        for (Object item : items) {
            if (item == null) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasNull(List<?> items) {
        return items.stream().anyMatch(java.util.Objects::isNull);
    }
}

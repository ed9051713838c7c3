package liftsys.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The worker boundary's codec: every part of a message survives the trip, and a bad reply is an error that says why. */
class WorkerCodecTest {
    private static final double[] AWKWARD = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
            Double.MIN_VALUE, Double.MAX_VALUE, 0.1 + 0.2, 1e-300};

    @Test
    void aRequestSurvivesTheTripWithEveryPart() throws IOException {
        Wire.Request sent = new Wire.Request(
                new Wire.Code("key", List.of(new Wire.SourceFile("p/A.java", "class A { String s = \"\\u00e9\\n<>\"; }")),
                        List.of("/x.jar"), new Wire.Project(List.of("/src"), List.of(new Wire.SourceFile("p/B.java",
                        "class B {}")), "shape"), "p.A", "m", "A.m", 3, 9),
                new Wire.Recording(2, new byte[] {-1, 7}, new int[][] {{0, 1}, {}}),
                new Wire.Sampling(List.of(new Wire.InputSpec("x@in", "x", false, 0, AWKWARD),
                        new Wire.InputSpec("f@in", "f", true, -1, new double[0])), AWKWARD, List.of("a", ""), "xy",
                        List.of(new Wire.Fact(Wire.FactKind.INDEX, 0, true, 1, false, -1, -0.5, true)), 1, 500,
                        Long.MIN_VALUE, 1234),
                new Wire.Forcing(Wire.ForceMode.VALUES, new int[] {1}, new int[] {0}, Double.NaN,
                        new double[][] {AWKWARD, {1}}, null));
        Wire.Request got = WorkerCodec.readRequest(in(write(out -> WorkerCodec.writeRequest(out, sent))));

        assertEquals(sent.code(), got.code());
        assertEquals(2, got.recording().slots());
        assertArrayEquals(sent.recording().kinds(), got.recording().kinds());
        assertArrayEquals(sent.recording().regions(), got.recording().regions());
        assertEquals(sent.sampling().facts(), got.sampling().facts());
        assertBits(AWKWARD, got.sampling().numbers());
        assertBits(AWKWARD, got.sampling().inputs().get(0).numbers());
        assertEquals(List.of("a", ""), got.sampling().strings());
        assertEquals(Long.MIN_VALUE, got.sampling().seed());
        assertEquals(1234, got.sampling().budgetMillis());
        assertEquals(Wire.ForceMode.VALUES, got.forcing().mode());
        assertBits(AWKWARD, got.forcing().values()[0]);
        assertTrue(Double.isNaN(got.forcing().amount()));
        assertNull(got.forcing().text());
    }

    @Test
    void aReplySurvivesTheTripWithEveryPart() throws IOException {
        Wire.Reply sent = new Wire.Reply(Wire.Outcome.OK, null, true, new double[][] {AWKWARD, AWKWARD}, 9, 3,
                "java.lang.ArithmeticException: / by zero", new byte[] {0, 5}, List.of(new Wire.Sampled("x@in",
                Wire.InputModel.CATEGORICAL, 0, 2, List.of("A", "B"), "an enum")), 10, 20, true, new int[] {0, 4},
                new long[][] {{Long.MIN_VALUE, -1}, {Long.MAX_VALUE}}, true,
                List.of(new Wire.Thrown("ArithmeticException", 3, "x=0")), Wire.STOPPED_TIME, List.of("s"),
                java.util.Arrays.asList("size", null));
        Wire.Reply got = WorkerCodec.readReply(in(write(out -> WorkerCodec.writeReply(out, sent))));

        assertEquals(Wire.Outcome.OK, got.outcome());
        assertTrue(got.restart());
        assertBits(AWKWARD, got.rows()[1]);
        assertArrayEquals(sent.ran(), got.ran());
        assertArrayEquals(sent.samples(), got.samples());
        assertArrayEquals(sent.seen(), got.seen());
        assertEquals(sent.inputs(), got.inputs());
        assertEquals(sent.exceptions(), got.exceptions());
        assertEquals(sent.numbers(), got.numbers());
        assertEquals(List.of(9, 3, 10L, 20L), List.of(got.run(), got.thrown(), got.compileNanos(), got.runNanos()));
        assertEquals("time", got.stopped());
    }

    @Test
    void aFailureSurvivesTheTrip() throws IOException {
        Wire.Reply sent = Wire.Reply.failed(Wire.Outcome.UNSUPPORTED, "parameter 0 cannot be set", false);
        Wire.Reply got = WorkerCodec.readReply(in(write(out -> WorkerCodec.writeReply(out, sent))));
        assertEquals(Wire.Outcome.UNSUPPORTED, got.outcome());
        assertEquals("parameter 0 cannot be set", got.message());
    }

    /** The worker is not trusted: each of these replies is refused with the reason given. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"outcome\":\"EXPLODED\"}|no outcome",
            "{\"outcome\":\"OK\"}|a part is missing",
            "not json at all {|cannot be read",
            "null|an empty reply",
            "{\"outcome\":\"OK\",\"rows\":[[1,2],[3]],\"seen\":[],\"inputs\":[],\"samples\":[0,1],\"ran\":[],"
                    + "\"exceptions\":[],\"dictionary\":[],\"numbers\":[]}|rows of 2 and of 1 values",
            "{\"outcome\":\"OK\",\"rows\":[[1],[3]],\"seen\":[],\"inputs\":[],\"samples\":[0],\"ran\":[],"
                    + "\"exceptions\":[],\"dictionary\":[],\"numbers\":[]}|1 sample indexes for 2 rows",
            "{\"outcome\":\"OK\",\"rows\":[[1]],\"seen\":[],\"inputs\":[],\"samples\":[0],\"ran\":[[1],[2]],"
                    + "\"exceptions\":[],\"dictionary\":[],\"numbers\":[]}|2 sets of ran definitions for 1 rows",
            "{\"outcome\":\"OK\",\"rows\":[],\"seen\":[],\"inputs\":[{\"column\":\"x\",\"model\":\"FUZZY\","
                    + "\"categories\":[]}],\"samples\":[],\"ran\":[],\"exceptions\":[],\"dictionary\":[],"
                    + "\"numbers\":[]}|described incompletely",
            "{\"outcome\":\"OK\",\"rows\":[\"x\"]}|cannot be read"})
    void aMalformedReplyIsAnErrorThatSaysWhy(String body, String why) {
        IOException e = assertThrows(IOException.class, () -> WorkerCodec.readReply(in(frame(0x4C465457, body))));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void whatIsNotAFrameIsRefusedBeforeAnythingIsRead() {
        IOException notOurs = assertThrows(IOException.class, () -> WorkerCodec.readReply(
                in("OpenJDK 64-Bit Server VM warning".getBytes(StandardCharsets.UTF_8))));
        assertTrue(notOurs.getMessage().contains("not a reply"), notOurs.getMessage());
        IOException huge = assertThrows(IOException.class, () -> WorkerCodec.readReply(in(write(out -> {
            out.writeInt(0x4C465457);
            out.writeInt(Integer.MAX_VALUE);
        }))));
        assertTrue(huge.getMessage().contains("a reply of 2147483647 bytes is announced"), huge.getMessage());
    }

    @Test
    void theEndOfThePipeBetweenRequestsIsAnEndOfFile() {
        assertThrows(EOFException.class, () -> WorkerCodec.readRequest(in(new byte[0])));
    }

    @Test
    void aFactAboutAnInputThatIsNotThereIsRefused() throws IOException {
        Wire.Request r = new Wire.Request(new Wire.Code("k", List.of(new Wire.SourceFile("A.java", "class A {}")),
                List.of(), Wire.Project.NONE, "A", "m", "A.m", 0, 0), new Wire.Recording(0, new byte[0], new int[0][]),
                new Wire.Sampling(List.of(), new double[0], List.of(), "", List.of(new Wire.Fact(Wire.FactKind.MARK, 0,
                        false, -1, false, -1, 0, false)), 0, 1, 1, 0), Wire.Forcing.NONE);
        byte[] bytes = write(out -> WorkerCodec.writeRequest(out, r));
        IOException e = assertThrows(IOException.class, () -> WorkerCodec.readRequest(in(bytes)));
        assertTrue(e.getMessage().contains("a malformed fact"), e.getMessage());
    }

    @Test
    void aWorkerOfAnotherVersionIsToldApart() throws IOException {
        WorkerCodec.readHello(in(write(WorkerCodec::writeHello)));
        IOException e = assertThrows(IOException.class, () -> WorkerCodec.readHello(in(frame(0x4C465457,
                "{\"version\":4}"))));
        assertTrue(e.getMessage().contains("wrong greeting"), e.getMessage());
    }

    private static void assertBits(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]), "value " + i);
        }
    }

    private interface Writing {
        void to(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writing writing) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        writing.to(out);
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] frame(int magic, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return write(out -> {
            out.writeInt(magic);
            out.writeInt(b.length);
            out.write(b);
        });
    }

    private static DataInputStream in(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }
}

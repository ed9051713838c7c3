package fixtures;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Methods that try to get out of the worker, one way each (issue 12's findings); ContainmentTest
 * checks that none of them gets anywhere. OUTSIDE_DIR, PROC_TARGET and the other placeholders
 * are replaced by the test.
 */
public class Escapes {
    /** A link in the worker's directory to a directory outside it, then a write through the link. */
    static int linkWrite(int x) throws Exception {
        Path link = Path.of("out-" + x);
        Files.createSymbolicLink(link, Path.of("OUTSIDE_DIR"));
        Files.writeString(link.resolve("escaped.txt"), "written through a link");
        return x;
    }

    /** The same, deleting a file outside. */
    static int linkDelete(int x) throws Exception {
        Path link = Path.of("gone-" + x);
        Files.createSymbolicLink(link, Path.of("OUTSIDE_DIR"));
        Files.deleteIfExists(link.resolve("victim.txt"));
        return x;
    }

    /** A link to another process's standard input, then a message written into it. */
    static int procInject(int x) throws Exception {
        Path link = Path.of("stdin-" + x);
        Files.createSymbolicLink(link, Path.of("PROC_TARGET"));
        Files.writeString(link, "INJECTED by a traced method\n");
        return x;
    }

    /** The same without a link. */
    static int procDirect(int x) throws Exception {
        Files.writeString(Path.of("PROC_TARGET"), "INJECTED by a traced method\n");
        return x;
    }

    /** A denied write, caught, then a thread that tries again once the answer is out. */
    static int lateThread(int x) {
        try {
            Files.writeString(Path.of("OUTSIDE_DIR", "early.txt"), "denied");
        } catch (Exception denied) {
            x = x + 1;
        }
        Thread late = new Thread(() -> {
            try {
                Thread.sleep(700);
                Files.writeString(Path.of("OUTSIDE_DIR", "late.txt"), "written after the answer");
            } catch (Exception e) {
                // denied or interrupted
            }
        });
        late.setDaemon(true);
        late.start();
        return x;
    }

    /** Native memory past the heap cap: 3 GB, touched at both ends, then freed. */
    static int offHeap(int x) throws Exception {
        java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        sun.misc.Unsafe unsafe = (sun.misc.Unsafe) f.get(null);
        long size = 3L << 30;
        long address = unsafe.allocateMemory(size);
        unsafe.putByte(address, (byte) 1);
        unsafe.putByte(address + size - 1, (byte) 1);
        unsafe.freeMemory(address);
        return x;
    }

    /** Direct buffers past their cap. */
    static int directBuffer(int x) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(512 << 20);
        buffer.put(0, (byte) 1);
        return x + buffer.get(0);
    }

    /** Two thousand threads that outlive the execution. */
    static int threadBomb(int x) {
        for (int i = 0; i < 2_000; i++) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    // stopped
                }
            });
            t.setDaemon(true);
            t.start();
        }
        return x;
    }

    /** Reads a file the worker has no need of. */
    static int readOutside(int x) throws Exception {
        return x + Files.readString(Path.of("OUTSIDE_DIR", "secret.txt")).length();
    }

    /** Connects to a port on this machine's loopback. */
    static int connect(int x) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", PORT)) {
            return x + socket.getLocalPort();
        }
    }
}

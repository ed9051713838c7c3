package fixtures;

import java.nio.file.Files;
import java.nio.file.Path;

/** Methods that misbehave; HostileTraceTest checks that each ends its analysis and nothing else. */
public class Hostile {
    static int spin(int x) {
        while (x > -1000) {
            x = x + 1 - 1;
        }
        return x;
    }

    static int exit(int x) {
        System.exit(3);
        return x;
    }

    static int exitCaught(int x) {
        try {
            Runtime.getRuntime().halt(4);
        } catch (SecurityException ignored) {
            x = x + 1;
        }
        return x;
    }

    static int allocate(int x) {
        long[][] chunks = new long[1 << 16][];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = new long[1 << 16];
        }
        return x + chunks.length;
    }

    static int thread(int x) {
        Thread t = new Thread(() -> {
            while (true) {
                Thread.onSpinWait();
            }
        });
        t.start();
        return x;
    }

    static int shortThread(int x) throws InterruptedException {
        int[] box = new int[1];
        Thread t = new Thread(() -> box[0] = 2);
        t.start();
        t.join();
        int y = x * box[0];
        return y;
    }

    static int recurse(int x) {
        return recurse(x + 1) + 1;
    }

    static int mostlyThrows(int x) {
        if (x > -3) {
            throw new IllegalStateException("bad " + x);
        }
        return x;
    }

    static int sometimesThrows(int x) {
        int y = 10 / (x - 3);
        return y;
    }

    static int writeOutside(int x) throws Exception {
        Files.writeString(Path.of("OUTSIDE"), "written by a traced method");
        return x;
    }

    static int writeInside(int x) throws Exception {
        Path p = Files.createTempFile("traced", ".txt");
        Files.writeString(p, "fine");
        Files.writeString(Path.of("relative.txt"), "fine too");
        return x + 1;
    }

    static int print(int x) {
        System.out.println("noise on the worker's stdout " + x);
        System.err.println("noise on the worker's stderr " + x);
        return x;
    }

    static int property(int x) {
        System.setProperty("liftsys.hostile", "set");
        return x;
    }

    static int program(int x) throws Exception {
        Runtime.getRuntime().exec(new String[] {"true"}).waitFor();
        return x;
    }

    static int network(int x) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", 9)) {
            return x + socket.getPort();
        }
    }
}

package fixtures;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/** Syntax that is easy to rewrite wrongly; each method must still compile and run when traced. */
public class Edges {
    static final int LIMIT = 4;
    static int counter;

    static IntSupplier supplier(int x) {
        int y = x + 1;
        return () -> y * 2;
    }

    static <T extends Comparable<T>> int generic(int x) {
        List<T> empty = new ArrayList<>();
        int n = empty.size() + x;
        return n;
    }

    static int switchBlocks(int k) {
        int x = 0;
        int v = switch (k) {
            case 1 -> {
                x = 5;
                yield (x + 1);
            }
            case 2 -> x = 7;
            default -> 0;
        };
        return v + x;
    }

    static int finalLocal(boolean c) {
        final int x;
        if (c) {
            x = 1;
        } else {
            x = 2;
        }
        return x;
    }

    static int labeledContinue(int n) {
        int hits = 0;
        rows:
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j > i) {
                    continue rows;
                }
                hits++;
            }
        }
        return hits;
    }

    static char nextChar(char c) {
        char d = c;
        d++;
        char e = d++;
        return e;
    }

    static Integer boxedIncrement(Integer a) {
        Integer b = a;
        b++;
        b += 2;
        return b;
    }

    static byte narrow(byte b) {
        byte c = 10;
        c += b;
        return c;
    }

    static int staticConstant(int x) {
        int y = x > LIMIT ? LIMIT : x;
        counter = counter + y;
        return y;
    }

    static int arrayInit(int x) {
        int[] xs = {x, x + 1};
        int total = 0;
        for (int i = 0, j = xs.length - 1; i < xs.length; i++, j--) {
            total += xs[i] * xs[j];
        }
        return total;
    }

    static String text(int n) {
        String s = """
                a text
                block""";
        String t = s.repeat(Math.max(0, n) % 3);
        return t;
    }

    static int unaryInIndex(int n) {
        int[] a = new int[4];
        int i = 0;
        a[i++] = n;
        a[i++] += n;
        return a[0] + a[1] + i;
    }

    static double mixed(long big, float f) {
        double d = big;
        d += f;
        return d;
    }

    static boolean notPattern(CharSequence cs) {
        if (!(cs instanceof String s)) {
            return false;
        }
        boolean empty = s.isEmpty();
        return empty;
    }

    static int varargs(int... xs) {
        int n = xs.length;
        return n;
    }

    static int voidCallInUpdate(int n) {
        StringBuilder sb = new StringBuilder("abcdefgh");
        int steps = 0;
        for (int i = 8; i > n && i > 0; sb.setLength(--i)) {
            steps++;
        }
        return sb.length() + steps;
    }
}

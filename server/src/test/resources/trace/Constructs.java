package fixtures;

import java.util.List;

/** One method per construct of the dependence graph; TraceFixtureTest recomputes each by hand. */
public class Constructs {
    enum Level { LOW, MID, HIGH }

    private int base = 3;
    private Level level = Level.MID;
    static int calls;

    static int ifElse(int x) {
        int y;
        if (x > 2) {
            y = x * 2;
        } else {
            y = -x;
        }
        return y;
    }

    static int loop(int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i;
        }
        return sum;
    }

    static int whileLoop(int n) {
        int k = n;
        int steps = 0;
        while (k > 1) {
            k = k / 2;
            steps++;
        }
        return steps;
    }

    static int switchOld(int code) {
        int r = 0;
        switch (code) {
            case 1:
                r = 10;
                break;
            case 2:
                r = 20;
                break;
            default:
                r = -1;
        }
        return r;
    }

    static int switchArrow(Level level) {
        int score = switch (level) {
            case LOW -> 1;
            case MID -> 5;
            case HIGH -> 9;
        };
        return score;
    }

    static int ternary(int a, int b) {
        int m = a > b ? a : b;
        return m;
    }

    static int earlyReturn(int x) {
        int y = x;
        if (x < 0) {
            return -1;
        }
        y = x * 3;
        return y;
    }

    static int tryCatch(int d) {
        int r = 7;
        try {
            r = 100 / d;
        } catch (ArithmeticException e) {
            r = 0;
        }
        return r;
    }

    int instanceField(int x) {
        int y = x * base;
        return y;
    }

    int enumField(int x) {
        int bonus = level == Level.HIGH ? 10 : 0;
        return x + bonus;
    }

    static double neighbour(double x) {
        double h = helper(x);
        return h + 1;
    }

    static double helper(double x) {
        calls++;
        return x * x;
    }

    static boolean bools(boolean a, boolean b) {
        boolean c = a && b;
        return c || !a;
    }

    static int chars(char c) {
        int code = c;
        if (c == 'x') {
            code = 0;
        }
        return code;
    }

    static int strings(String s) {
        int n = s.length();
        if (s.equals("gold")) {
            n = 100;
        }
        return n;
    }

    static String categories(String s, boolean upper) {
        String t = s;
        if (upper) {
            t = s.toUpperCase();
        }
        return t;
    }

    static int arrays(int[] xs) {
        int total = 0;
        for (int x : xs) {
            total += x;
        }
        return total;
    }

    static int lists(List<Integer> xs, int extra) {
        int size = xs.size();
        xs.add(extra);
        return size + xs.size();
    }

    static int postfix(int a) {
        int i = a;
        int j = i++;
        return i + j;
    }

    static int pattern(CharSequence cs) {
        int n = -1;
        if (cs instanceof String s && !s.isEmpty()) {
            n = s.length();
        }
        return n;
    }

    static int nested(int a, int b) {
        int x = 1;
        if (a > 0) {
            x = 2;
            if (b > 0) {
                x = 3;
            }
        }
        return x;
    }

    static long longs(long big, short small, byte tiny) {
        long sum = big + small + tiny;
        return sum;
    }

    static void voidMethod(int x) {
        int y = x + 1;
        calls += y;
    }
}

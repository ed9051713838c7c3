package fixtures;

/** More constructs: jumps, chains, element and field writes, finally, boxes, var. */
public class MoreConstructs {
    private int count;
    private double total = 1.5;

    static int doWhile(int n) {
        int k = 0;
        do {
            k += 2;
        } while (k < n);
        return k;
    }

    static int labeled(int n) {
        int found = -1;
        outer:
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i * j == 6) {
                    found = i * 10 + j;
                    break outer;
                }
            }
        }
        return found;
    }

    static int chain(int a) {
        int x;
        int y;
        x = y = a + 1;
        return x + y;
    }

    static int assignInCondition(int n) {
        int left = n;
        int taken = 0;
        while ((left = left - 3) > 0) {
            taken++;
        }
        return taken;
    }

    static int arrayWrite(int n) {
        int[] cells = new int[3];
        cells[0] = n;
        int first = cells[0];
        return first + cells.length;
    }

    void setCount(int count) {
        this.count = count * 2;
    }

    double shadowed(double total) {
        double before = this.total;
        this.total = total + before;
        return this.total;
    }

    static int tryFinally(int x) {
        int y = 0;
        try {
            y = x + 1;
        } finally {
            y = y * 2;
        }
        return y;
    }

    static int multiCatch(int x) {
        int r = 0;
        try {
            if (x > 3) {
                throw new IllegalStateException("big");
            }
            r = 12 / (x + 1);
        } catch (IllegalStateException | ArithmeticException e) {
            r = -5;
        }
        return r;
    }

    static double root(double x) {
        double r = Math.sqrt(x);
        return r;
    }

    static int boxed(Integer a, Boolean flag) {
        Integer b = flag ? a : Integer.valueOf(0);
        return b;
    }

    static int varLocal(int a) {
        var doubled = a * 2;
        var positive = doubled > 0;
        return positive ? doubled : 0;
    }

    static int earlyInLoop(int[] xs) {
        int seen = 0;
        for (int x : xs) {
            if (x < 0) {
                return -1;
            }
            seen++;
        }
        int result = seen * 2;
        return result;
    }

    static int loopFromInit(int n) {
        int sum = 0;
        for (int i = 5; i < n; i++) {
            sum += i;
        }
        return sum;
    }

    static int assignInIf(int x) {
        int y = 0;
        if ((y = x * 2) > 4) {
            y = y + 100;
        }
        return y;
    }

    static int assignInSelector(int k) {
        int m = -1;
        switch (m = k % 3) {
            case 0:
                m = 10;
                break;
            default:
                break;
        }
        return m;
    }
}

package fixtures;

import java.util.Map;

public class Unsupported {
    private Map<String, Integer> table;
    private final int[] fine = new int[3];

    Unsupported(int x) {
        int y = x;
    }

    static int map(Map<String, Integer> counts, int x) {
        int y = x + counts.size();
        return y;
    }

    static int object(Object o) {
        int h = o.hashCode();
        return h;
    }

    int readsMapField(int x) {
        int y = x + table.size();
        return y;
    }

    abstract static class Shape {
        abstract double area();

        double twice(int k) {
            double a = k * 2.0;
            return a;
        }
    }

    interface Greeter {
        default int greet(int times) {
            int n = times * 2;
            return n;
        }

        static int helper(int x) {
            int y = x - 1;
            return y;
        }
    }

    // Added after the instrumentation golden was recorded: kept at the end so offsets above stay put.
    private Sink out;

    /** No implementation anywhere, and two methods: nothing can stand for it. */
    interface Sink {
        void put(int x);

        int size();
    }

    static int sink(Sink s, int x) {
        s.put(x);
        int n = s.size();
        return n;
    }

    int readsSinkField(int x) {
        int y = x + out.size();
        return y;
    }
}

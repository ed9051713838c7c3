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
}

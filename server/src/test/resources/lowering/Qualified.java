package lowering;

import java.util.List;

/**
 * Names qualified by a package: {@code java.util.List.of(...)} reads no variable called
 * {@code java}. Before the single lowering the graph had a phantom field node for it.
 */
public class Qualified {
    static final int LIMIT = 10;
    int base = 3;

    static int sizeOf(int a, int b) {
        List<Integer> both = java.util.List.of(a, b);
        return both.size();
    }

    static int larger(int a, int b) {
        int m = java.lang.Math.max(a, b);
        return m + LIMIT;
    }

    int withField(int x) {
        int y = java.lang.Math.abs(x) + base;
        return java.util.Objects.hash(y, this.base);
    }

    static String joined(String s) {
        java.util.function.Function<String, String> f = t -> java.lang.String.valueOf(t.length());
        return f.apply(s);
    }
}

package fixtures;

public class Broken {
    static int f(int x) {
        int y = x + Missing.VALUE;
        return y;
    }
}

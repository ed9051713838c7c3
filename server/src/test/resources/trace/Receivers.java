package fixtures;

/** Instance methods whose receivers need care: a record, an inner class, an enum. */
public class Receivers {
    private int scale = 2;

    record Point(int x, int y) {
        Point {
            if (x > 1000) {
                throw new IllegalArgumentException("too far");
            }
        }

        int manhattan(int dz) {
            int d = Math.abs(x) + Math.abs(y) + dz;
            return d;
        }
    }

    class Inner {
        private int offset;

        int shifted(int v) {
            int w = v * scale + offset;
            return w;
        }
    }

    enum Shape {
        SQUARE(4), TRIANGLE(3);

        private final int sides;

        Shape(int sides) {
            this.sides = sides;
        }

        int perimeter(int length) {
            int p = sides * length;
            return p;
        }
    }
}

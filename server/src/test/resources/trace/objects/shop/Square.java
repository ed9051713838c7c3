package shop;

/** The project's one Shape; nothing in Objects.java names it. */
public class Square implements Shape {
    private final double side;

    public Square(double side) {
        if (side < 0) {
            throw new IllegalArgumentException("negative side: " + side);
        }
        this.side = side;
    }

    @Override
    public double area() {
        return side * side;
    }

    @Override
    public String name() {
        return "square";
    }
}

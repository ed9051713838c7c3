package shop;

/** Two abstract methods: not a function, so only a class of the project can stand for it. */
public interface Shape {
    double area();

    String name();
}

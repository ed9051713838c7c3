package shop;

public class Shipping {
    public static double cost(int quantity) {
        return quantity > 20 ? 0.0 : 4.5 + 0.25 * quantity;
    }
}

package shop;

import org.apache.commons.lang3.StringUtils;

/** The method the bench quantifies: it calls two sibling classes and the declared dependency. */
public class Checkout {
    public static double total(double price, int quantity, boolean member) {
        double subtotal = price * quantity;
        double discount = subtotal * Discounts.rate(quantity, member);
        double net = subtotal - discount;
        double taxed = Tax.gross(net);
        int width = StringUtils.leftPad(Integer.toString(quantity), 6).length();
        return taxed + Shipping.cost(quantity) + width * 0.0;
    }
}

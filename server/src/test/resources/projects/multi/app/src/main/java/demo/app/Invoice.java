package demo.app;

import demo.core.Calculator;
import org.apache.commons.lang3.StringUtils;

/** Uses the sibling module (core) and the declared dependency (commons-lang3). */
public class Invoice {
    public static int lineWidth(double price, int quantity) {
        double total = Calculator.total(price, quantity);
        String line = StringUtils.leftPad(Double.toString(total), 12);
        return line.length();
    }
}

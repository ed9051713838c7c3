package demo.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** A factor read from the module's resources when the class is initialised, as rule-driven libraries do. */
public final class Markup {
    static final double FACTOR;

    static {
        Properties p = new Properties();
        try (InputStream in = Markup.class.getResourceAsStream("markup.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        FACTOR = Double.parseDouble(p.getProperty("factor"));
    }

    private Markup() {
    }

    public static double marked(double price) {
        return price * FACTOR;
    }
}

package liftsys.trace;

import java.util.List;

/**
 * How one input of a trace (a parameter, or a field the method reads) was sampled, so an answer
 * can say over which inputs its effects hold.
 *
 * @param type the declared type, as written in the source
 * @param columnType how the input's column is modelled
 * @param low smallest value the sampler can draw (for arrays and lists: shortest length)
 * @param high largest value the sampler can draw (for arrays and lists: longest length)
 * @param categories for strings, enums and chars, the values drawn from, in code order
 * @param description the distribution in words, for hover and the README
 */
public record InputRange(String type, ColumnType columnType, double low, double high, List<String> categories,
                         String description) {
    public InputRange {
        categories = List.copyOf(categories);
    }
}

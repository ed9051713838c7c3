package liftsys.ir.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Tarjan's strongly connected components of a small directed graph. */
final class StronglyConnected {
    private StronglyConnected() {
    }

    static <T> List<Set<T>> components(List<T> nodes, Function<T, List<T>> successors) {
        Map<T, Integer> index = new HashMap<>();
        Map<T, Integer> low = new HashMap<>();
        Deque<T> stack = new ArrayDeque<>();
        Set<T> onStack = new LinkedHashSet<>();
        List<Set<T>> result = new ArrayList<>();
        int[] counter = {0};
        for (T n : nodes) {
            if (!index.containsKey(n)) {
                visit(n, successors, index, low, stack, onStack, result, counter);
            }
        }
        return result;
    }

    private static <T> void visit(T n, Function<T, List<T>> successors, Map<T, Integer> index, Map<T, Integer> low,
                                  Deque<T> stack, Set<T> onStack, List<Set<T>> result, int[] counter) {
        index.put(n, counter[0]);
        low.put(n, counter[0]);
        counter[0]++;
        stack.push(n);
        onStack.add(n);
        for (T m : successors.apply(n)) {
            if (!index.containsKey(m)) {
                visit(m, successors, index, low, stack, onStack, result, counter);
                low.put(n, Math.min(low.get(n), low.get(m)));
            } else if (onStack.contains(m)) {
                low.put(n, Math.min(low.get(n), index.get(m)));
            }
        }
        if (low.get(n).equals(index.get(n))) {
            Set<T> component = new LinkedHashSet<>();
            T m;
            do {
                m = stack.pop();
                onStack.remove(m);
                component.add(m);
            } while (m != n);
            result.add(component);
        }
    }
}

package shop;

public class Unbuildable {
    /** No implementation anywhere, and two methods: nothing can stand for it. */
    interface Sink {
        void put(int x);

        int size();
    }

    static int use(Sink sink, int x) {
        sink.put(x);
        return sink.size();
    }
}

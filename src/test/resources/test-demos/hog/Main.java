import java.util.ArrayList;
import java.util.List;

/** Test demo: keeps allocating until the heap cap stops it. */
public class Main {
    public static void main(String[] args) {
        List<long[]> hoard = new ArrayList<>();
        System.out.println("{\"type\":\"event\",\"t\":0,\"kind\":\"start\",\"msg\":\"allocating\",\"fields\":{}}");
        while (true) {
            hoard.add(new long[1 << 16]);
        }
    }
}

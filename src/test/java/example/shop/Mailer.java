package example.shop;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The shop's own CDI bean that jobs inject: remembers what it "sent". */
@ApplicationScoped
public class Mailer {

    private final Map<String, Integer> sent = new ConcurrentHashMap<>();

    public void confirm(String orderId) {
        sent.merge(orderId, 1, Integer::sum);
    }

    public int sentFor(String orderId) {
        return sent.getOrDefault(orderId, 0);
    }
}

package example.shop;

/** The argument of the shop's jobs. */
public record OrderPlaced(String orderId) {}

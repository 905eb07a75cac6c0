package example.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The shop's own entity, in the shop's own persistence unit. */
@Entity
@Table(name = "shop_order")
public class Order {

    @Id
    public String id;

    public String customer;

    /** Counted by the mail job: how many confirmation mails were sent. */
    public int mailsSent;

    /** Changes go through the entity's own methods, where the provider's change tracking sees them. */
    public void mailed() {
        mailsSent++;
    }
}

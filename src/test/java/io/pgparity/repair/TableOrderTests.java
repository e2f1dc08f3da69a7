package io.pgparity.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgparity.table.TableRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableOrderTests {

  private static final TableRef ORDERS = new TableRef("shop", "orders");
  private static final TableRef CUSTOMERS = new TableRef("shop", "customers");
  private static final TableRef LINES = new TableRef("shop", "order_lines");
  private static final TableRef PRODUCTS = new TableRef("shop", "products");
  private static final TableRef AUDIT = new TableRef("shop", "audit");

  @Test
  void parentsComeBeforeTheirChildrenAndDeletesGoTheOtherWay() {
    List<ForeignKeys.Edge> edges =
        List.of(
            new ForeignKeys.Edge(LINES, ORDERS),
            new ForeignKeys.Edge(LINES, PRODUCTS),
            new ForeignKeys.Edge(ORDERS, CUSTOMERS));

    TableOrder order = TableOrder.of(List.of(LINES, ORDERS, AUDIT, PRODUCTS, CUSTOMERS), edges);

    assertThat(order.parentsFirst()).containsExactly(AUDIT, PRODUCTS, CUSTOMERS, ORDERS, LINES);
    assertThat(order.childrenFirst()).containsExactly(LINES, ORDERS, CUSTOMERS, PRODUCTS, AUDIT);
    assertThat(order.inCycle()).isEmpty();
  }

  @Test
  void unrelatedTablesKeepTheirOrderAndSelfReferencesAndOutsideTablesAreIgnored() {
    TableRef outside = new TableRef("other", "t");
    List<ForeignKeys.Edge> edges =
        List.of(
            new ForeignKeys.Edge(ORDERS, ORDERS),
            new ForeignKeys.Edge(ORDERS, outside),
            new ForeignKeys.Edge(outside, AUDIT));

    TableOrder order = TableOrder.of(List.of(ORDERS, AUDIT, CUSTOMERS), edges);

    assertThat(order.parentsFirst()).containsExactly(ORDERS, AUDIT, CUSTOMERS);
    assertThat(order.inCycle()).isEmpty();
  }

  @Test
  void aCycleGoesLastInTheGivenOrderAndIsNamed() {
    List<ForeignKeys.Edge> edges =
        List.of(
            new ForeignKeys.Edge(ORDERS, CUSTOMERS),
            new ForeignKeys.Edge(CUSTOMERS, ORDERS),
            new ForeignKeys.Edge(LINES, PRODUCTS));

    TableOrder order = TableOrder.of(List.of(CUSTOMERS, LINES, ORDERS, PRODUCTS), edges);

    assertThat(order.parentsFirst()).containsExactly(PRODUCTS, LINES, CUSTOMERS, ORDERS);
    assertThat(order.inCycle()).containsExactly(CUSTOMERS, ORDERS);
  }
}

package io.pgparity.audit;

import java.util.List;

/**
 * Settings that must agree between the primary and the replica. Equal everywhere: data_checksums (a
 * replica without them cannot detect the corruption the primary would), fsync and
 * default_transaction_isolation (a failover target must be as durable and isolate transactions as
 * the primary does). At least the primary's, on a physical standby only: the settings PostgreSQL
 * requires a hot standby to have no lower than its primary, or it stops replaying.
 */
final class SettingRules {

  static final List<String> EQUAL =
      List.of("data_checksums", "fsync", "default_transaction_isolation");

  static final List<String> STANDBY_AT_LEAST =
      List.of(
          "max_connections",
          "max_worker_processes",
          "max_wal_senders",
          "max_prepared_transactions",
          "max_locks_per_transaction");

  private SettingRules() {}
}

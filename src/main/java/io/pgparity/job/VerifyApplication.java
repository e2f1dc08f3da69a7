package io.pgparity.job;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Spring Boot application of one verify run: the job repository on its data source, and the job
 * ({@link VerifyJobConfiguration}). It lives beside the job so the job never depends on the entry
 * point; {@link SpringVerifyLauncher} starts one per run.
 *
 * <p>Only the auto-configurations the job uses are imported, not every one on the class path
 * (@EnableAutoConfiguration would evaluate about 150 and apply some 40: AOP and transaction
 * proxies, JDBC templates, task schedulers, SSL bundles that nothing here uses), and the job's
 * configuration is imported rather than found by a component scan: a run's context starts in about
 * half the time. Nothing in the job is {@code @Transactional}: Spring Batch's job repository wraps
 * its own calls in the transaction manager.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({
  PropertyPlaceholderAutoConfiguration.class,
  ConfigurationPropertiesAutoConfiguration.class,
  DataSourceAutoConfiguration.class,
  TransactionManagerCustomizationAutoConfiguration.class,
  DataSourceTransactionManagerAutoConfiguration.class,
  BatchJdbcAutoConfiguration.class
})
@Import(VerifyJobConfiguration.class)
public class VerifyApplication {}

package io.pgparity.job;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot application of one verify run: auto-configuration (job repository, data source)
 * and the beans of this package. It lives beside the job so the job never depends on the entry
 * point; {@link SpringVerifyLauncher} starts one per run.
 */
@SpringBootApplication
public class VerifyApplication {}

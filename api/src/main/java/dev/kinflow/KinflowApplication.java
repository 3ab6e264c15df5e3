package dev.kinflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Kinflow: durable jobs for contact-management backends, run as Temporal workflows. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class KinflowApplication {

    public static void main(String[] args) {
        SpringApplication.run(KinflowApplication.class, args);
    }
}

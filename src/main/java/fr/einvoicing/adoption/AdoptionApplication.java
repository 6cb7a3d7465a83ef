package fr.einvoicing.adoption;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AdoptionApplication {

    /** Static: a post-processor must exist before the data source it sizes. */
    @Bean
    static DatabasePoolSizing databasePoolSizing(Environment environment) {
        return new DatabasePoolSizing(environment);
    }

    public static void main(String[] args) {
        SpringApplication.run(AdoptionApplication.class, args);
    }
}

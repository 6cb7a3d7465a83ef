package fr.einvoicing.adoption.process;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's clock is the engine's: when tests move the engine's time to pass a deadline,
 * the evidence, tokens and letters see the same time as the timers.
 */
@Configuration
public class EngineClock {

    @Bean
    public Clock clock() {
        return new ClockUtilClock(ZoneOffset.UTC);
    }

    static final class ClockUtilClock extends Clock {
        private final ZoneId zone;

        ClockUtilClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new ClockUtilClock(zone);
        }

        @Override
        public Instant instant() {
            return ClockUtil.now().toInstant();
        }
    }
}

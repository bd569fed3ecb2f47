package dev.switchboard.delivery;

import java.time.Clock;

import dev.switchboard.database.NodeIdentity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DeliveryConfiguration {

    /** This node's worker, taking leases in its name. */
    @Bean
    DeliveryWorker deliveryWorker(Destinations destinations, DeliveryRepository repository, WebhookSender sender,
                                  DeliveryMetrics metrics, DeliveryProperties properties, Clock clock) {
        return new DeliveryWorker(NodeIdentity.id(), destinations, repository, sender, metrics, properties, clock);
    }
}

package dev.calsync.support.topics;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBindingProperties;
import org.springframework.core.env.Environment;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Every service declares every topic: whichever starts first creates them, the others find them as
 * declared (KafkaAdmin also brings the retention of existing topics in line). The binder's own topic
 * creation is off so that no topic is ever created with a broker default retention.
 */
@AutoConfiguration
@EnableConfigurationProperties(CalsyncTopicsProperties.class)
public class TopicsAutoConfiguration {

    @Bean
    public KafkaAdmin.NewTopics calsyncTopics(CalsyncTopicsProperties properties) {
        return new KafkaAdmin.NewTopics(TopicPlan.topics(properties).toArray(NewTopic[]::new));
    }

    /**
     * The dead-letter topics the service's consumer bindings name ({@code dlq-name}); with the binder's
     * topic creation off they must exist before the bindings start.
     */
    @Bean
    public KafkaAdmin.NewTopics calsyncDeadLetterTopics(CalsyncTopicsProperties properties, Environment environment) {
        Set<String> planned = TopicPlan.topics(properties).stream().map(NewTopic::name).collect(Collectors.toSet());
        Map<String, KafkaBindingProperties> bindings = Binder.get(environment)
                .bind("spring.cloud.stream.kafka.bindings", Bindable.mapOf(String.class, KafkaBindingProperties.class))
                .orElse(Map.of());
        return new KafkaAdmin.NewTopics(bindings.values().stream()
                .map(KafkaBindingProperties::getConsumer)
                .filter(consumer -> consumer.isEnableDlq() && consumer.getDlqName() != null)
                .map(consumer -> consumer.getDlqName())
                .filter(name -> !planned.contains(name))
                .distinct()
                .map(name -> TopicPlan.deadLetterTopic(properties, name))
                .toArray(NewTopic[]::new));
    }
}

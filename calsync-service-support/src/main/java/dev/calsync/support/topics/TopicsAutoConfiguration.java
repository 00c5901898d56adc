package dev.calsync.support.topics;

import org.apache.kafka.clients.admin.NewTopic;
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
}

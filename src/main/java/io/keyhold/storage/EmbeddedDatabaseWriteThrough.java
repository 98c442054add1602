package io.keyhold.storage;

import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/** Puts {@link WriteThroughDataSource} in front of the application's connection pool. */
@Component
class EmbeddedDatabaseWriteThrough implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource pool && !(bean instanceof WriteThroughDataSource)) {
            return new WriteThroughDataSource(pool);
        }
        return bean;
    }
}

package io.sagashop.inprocess;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Starts services in this JVM. Arguments: {@code --db=jdbc:mysql://host:port},
 * {@code --schema-prefix=inproc_}, then one {@code name=classesDir,MainClass,port,schema}
 * per service, in start order. Each service runs in its own class loader on top of the shared
 * libraries, with {@code axon.axonserver.enabled=false} and the shared buses registered in its
 * context before Axon's auto-configuration looks for them. Any further {@code --key=value}
 * arguments are passed to every service. Prints {@code READY} when all are started.
 */
public final class InProcessShop {

    /**
     * Every streaming processor of the services as a tracking processor, with the threads,
     * segments and batch sizes the services give their pooled ones (the saga's come from its own
     * settings). On an embedded event store a
     * pooled processor gets no availability callback and polls every 500 ms, which put a floor of
     * about 1.3 s under every order here; a tracking processor waits on the store's notification
     * after each commit, as a pooled one does on the hub's event stream.
     */
    static final List<String> TRACKING_INSTEAD_OF_POOLED = List.of(
            "--sagashop.order.saga-processor=tracking",
            "--axon.eventhandling.processors.payment-gateway.mode=tracking",
            "--axon.eventhandling.processors.payment-projection.mode=tracking",
            "--axon.eventhandling.processors.notifications.mode=tracking",
            "--axon.eventhandling.processors.recommendation-views.mode=tracking");

    private InProcessShop() {
    }

    record Service(String name, Path classes, String mainClass, int port, String schema) {

        static Service parse(String argument) {
            String name = argument.substring(0, argument.indexOf('='));
            String[] parts = argument.substring(argument.indexOf('=') + 1).split(",");
            return new Service(name, Path.of(parts[0]), parts[1], Integer.parseInt(parts[2]), parts[3]);
        }
    }

    public static void main(String[] args) throws Exception {
        String db = "jdbc:mysql://127.0.0.1:3306";
        String prefix = "inproc_";
        List<Service> services = new ArrayList<>();
        List<String> common = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--db=")) {
                db = arg.substring(5);
            } else if (arg.startsWith("--schema-prefix=")) {
                prefix = arg.substring(16);
            } else if (arg.startsWith("--")) {
                common.add(arg);
            } else {
                services.add(Service.parse(arg));
            }
        }
        SharedAxon shared = new SharedAxon(db + "/" + prefix + "events?createDatabaseIfNotExist=true&connectionTimeZone=UTC",
                "root", "");
        for (Service service : services) {
            start(service, shared, db, prefix, common);
        }
        System.out.println("READY");
    }

    private static ConfigurableApplicationContext start(Service service, SharedAxon shared, String db, String prefix,
                                                        List<String> common) throws Exception {
        ClassLoader loader = new URLClassLoader(service.name(), new URL[] {service.classes().toUri().toURL()},
                InProcessShop.class.getClassLoader());
        shared.serviceClasses.add(loader);
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(loader);
        try {
            Class<?> main = loader.loadClass(service.mainClass());
            List<String> args = new ArrayList<>(common);
            args.add("--server.port=" + service.port());
            args.add("--axon.axonserver.enabled=false");
            args.addAll(TRACKING_INSTEAD_OF_POOLED);
            args.add("--spring.datasource.url=" + db + "/" + prefix + service.schema()
                    + "?createDatabaseIfNotExist=true&connectionTimeZone=UTC");
            args.add("--spring.datasource.username=root");
            args.add("--spring.datasource.password=");
            // The services' pools do not auto-commit (PlatformDefaults): every write of theirs
            // runs in a transaction of their own data source. Here command handling runs in the
            // shared event store's transaction instead, so their connections commit by themselves.
            args.add("--spring.datasource.hikari.auto-commit=true");
            return new SpringApplicationBuilder(main)
                    .resourceLoader(new org.springframework.core.io.DefaultResourceLoader(loader))
                    .initializers(context -> share(context, shared))
                    .run(args.toArray(String[]::new));
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    /**
     * Registers the shared messaging before Axon's auto-configuration decides what to create, as
     * primary beans: Axon creates its own QueryUpdateEmitter regardless, and a projection must
     * get the one the shared query bus delivers subscription updates from.
     */
    private static void share(ConfigurableApplicationContext context, SharedAxon shared) {
        if (!(context instanceof GenericApplicationContext generic)) {
            throw new IllegalStateException("unexpected context type " + context.getClass());
        }
        primary(generic, "sharedEventStore", EmbeddedEventStore.class, shared.eventStore);
        primary(generic, "sharedCommandBus", SimpleCommandBus.class, shared.commandBus);
        primary(generic, "sharedQueryBus", SimpleQueryBus.class, shared.queryBus);
        primary(generic, "sharedQueryUpdateEmitter", QueryUpdateEmitter.class, shared.updateEmitter);
        generic.setClassLoader(Thread.currentThread().getContextClassLoader());
    }

    private static <T> void primary(GenericApplicationContext context, String name, Class<T> type, T instance) {
        context.registerBean(name, type, () -> instance, definition -> definition.setPrimary(true));
    }
}

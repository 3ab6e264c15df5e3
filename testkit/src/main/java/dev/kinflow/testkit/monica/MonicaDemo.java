package dev.kinflow.testkit.monica;

import java.util.concurrent.CountDownLatch;

/**
 * Starts the fake Monica with generated contacts and prints its base URL and token, for trying an import by hand:
 * {@code ./mvnw -q -pl testkit -am verify -DskipTests -Pmonica-demo -Ddemo.args="500 0.017 60"} (contacts, listing
 * drift rate, Monica's requests per minute; 0 = no limit).
 */
public final class MonicaDemo {

    private MonicaDemo() {
    }

    public static void main(String[] args) throws InterruptedException {
        int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        double drift = args.length > 1 ? Double.parseDouble(args[1]) : 0.017;
        int perMinute = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        String token = "demo-monica-token";
        FakeMonicaServer server = new FakeMonicaServer(MonicaDataset.generate(MonicaDataset.Spec.of(contacts)), token)
                .driftRate(drift).rateLimitPerMinute(perMinute);
        System.out.println("Fake Monica with " + server.listedIds().size() + " listed contacts");
        System.out.println("baseUrl:  " + server.baseUrl());
        System.out.println("apiToken: " + token);
        System.out.println("Press Ctrl+C to stop.");
        new CountDownLatch(1).await();
    }
}

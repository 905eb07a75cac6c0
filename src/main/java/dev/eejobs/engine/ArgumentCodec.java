package dev.eejobs.engine;

import dev.eejobs.api.InvalidJobException;
import dev.eejobs.config.JobsConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Job arguments to and from JSON through JSON-B, with the payload limit enforced. */
@ApplicationScoped
class ArgumentCodec {

    private final Jsonb jsonb = JsonbBuilder.create();

    @Inject
    JobsConfig config;

    ArgumentCodec() {}

    ArgumentCodec(JobsConfig config) {
        this.config = config;
    }

    String write(Object argument, Type type) {
        String json;
        try {
            json = jsonb.toJson(argument, type);
        } catch (JsonbException e) {
            throw new InvalidJobException("argument", "cannot be written as JSON: " + rootMessage(e));
        }
        checkSize(json);
        return json;
    }

    /**
     * Parses JSON from outside (the HTTP API) into the type, then writes it back in canonical form,
     * so only arguments the job can actually read are stored.
     */
    String normalise(String json, Type type) {
        if (json == null || json.isBlank()) {
            throw new InvalidJobException("argument", "is missing");
        }
        checkSize(json);
        Object value;
        try {
            value = jsonb.fromJson(json, type);
        } catch (JsonbException | ClassCastException e) {
            throw new InvalidJobException("argument", "does not fit " + type.getTypeName() + ": " + rootMessage(e));
        }
        if (value == null) {
            throw new InvalidJobException("argument", "must not be null");
        }
        return write(value, type);
    }

    /**
     * {@link #normalise} for a batch, reading all arguments in one pass: one JSON-B call for the
     * whole array costs far less than one per argument.
     *
     * @return the canonical JSON of each argument, or empty if some argument does not fit (the
     *     caller then checks them one by one to name the one that does not)
     */
    Optional<List<String>> normaliseAll(List<String> jsons, Type type) {
        for (String json : jsons) {
            if (json == null || json.isBlank()
                    || json.getBytes(StandardCharsets.UTF_8).length > config.maxPayloadBytes()) {
                return Optional.empty();
            }
        }
        List<?> values;
        try {
            values = jsonb.fromJson("[" + String.join(",", jsons) + "]", new ListOf(type));
        } catch (JsonbException | ClassCastException e) {
            return Optional.empty();
        }
        if (values == null || values.size() != jsons.size() || values.contains(null)) {
            return Optional.empty(); // not one value per argument: let the per-argument path say why
        }
        List<String> canonical = new ArrayList<>(values.size());
        for (Object value : values) {
            canonical.add(write(value, type));
        }
        return Optional.of(canonical);
    }

    /** {@code List<type>} for JSON-B. */
    private record ListOf(Type element) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {element};
        }

        @Override
        public Type getRawType() {
            return List.class;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }
    }

    Object read(String json, Type type) {
        return jsonb.fromJson(json, type);
    }

    private void checkSize(String json) {
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > config.maxPayloadBytes()) {
            throw new InvalidJobException("argument", "is " + bytes + " bytes of JSON; the limit is "
                    + config.maxPayloadBytes() + " (jobs.max-payload)");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            // nothing left to release
        }
    }
}

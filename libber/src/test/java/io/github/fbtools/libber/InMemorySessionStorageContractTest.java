package io.github.fbtools.libber;

import java.time.InstantSource;

/** The {@link SessionStorage} contract, run against the in-memory {@link SessionStore}. */
class InMemorySessionStorageContractTest extends SessionStorageContract {
  @Override
  protected SessionStorage<String> newStorage(
      InstantSource clock, SessionLimits limits, RemovalListener<String> listener) {
    return SessionStore.<String>builder()
        .clock(clock)
        .idleTimeout(limits.idleTimeout())
        .absoluteTimeout(limits.absoluteTimeout())
        .maxSessions(limits.maxSessions())
        .maxSessionWeight(limits.maxSessionWeight())
        .maxTotalWeight(limits.maxTotalWeight())
        .weigher(SessionStorageContract::weight)
        .removalListener(listener)
        .build();
  }
}

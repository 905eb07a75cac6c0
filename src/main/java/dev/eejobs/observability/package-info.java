/** MicroProfile Health checks that adapt what the engine reports ({@code EngineStats}, the store's counts). */
package dev.eejobs.observability;

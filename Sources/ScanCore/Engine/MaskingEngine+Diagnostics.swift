extension MaskingEngine {
    /// Runs the prefilter's SIMD stage alone over `buffer` and returns how many positions it
    /// reports: no probe matrix, no windows, no confirmation, no output.
    ///
    /// A diagnostic for benchmarks: the time this takes is the ceiling of masking that data
    /// with this engine, since every byte passes through the SIMD stage and nothing else is
    /// done. The first position and the last 16 are not scanned (their probe bytes would
    /// reach outside the buffer).
    public func prefilterHits(in buffer: UnsafeRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress, buffer.count > StreamMasker.probeReach + 1 else { return 0 }
        var hits = 0
        prefilter.keys.scan(base, from: 1, to: buffer.count - StreamMasker.probeReach) { j in
            hits &+= 1
            return j &+ 1
        }
        return hits
    }
}

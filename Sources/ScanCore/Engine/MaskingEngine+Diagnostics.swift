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

extension MaskingEngine {
    /// How the SIMD stage runs this engine's probes, one line each: the hand-written kernel (if
    /// it runs), each bucket of the nibble kernel's operator group (its byte sets at offsets 0
    /// to 2 and the share of positions the byte-frequency model says it fires at), and each
    /// key left to the generic program. For `veil rules list --simd`: an operator sees which
    /// keys are cheap and which are not.
    public var simdPlan: [String] {
        let program = prefilter.keys
        var lines: [String] = []
        #if arch(x86_64)
        if let nibble = program.nibble {
            lines.append("kernel\tnibble\t\(NibbleKernel.buckets.count) built-in buckets")
            for sets in program.operatorKeys {
                lines.append("key\t\(sets.map(\.description).joined(separator: " "))\t\(String(format: "%.1e", OperatorBuckets.rate(sets)))")
            }
            for sets in nibble.extra {
                let rate = OperatorBuckets.rate(sets)
                lines.append("bucket\t\(sets.map(\.description).joined(separator: " "))\t\(String(format: "%.1e", rate))")
            }
        } else if program.usesBuiltinKernel {
            lines.append("kernel\tcompare\tbuilt-in keys")
        }
        #else
        if program.usesBuiltinKernel { lines.append("kernel\tcompare\tbuilt-in keys") }
        #endif
        for key in program.genericKeys {
            lines.append("generic\t\(Probe(key).description)\t-")
        }
        return lines
    }
}

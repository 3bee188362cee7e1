import ScanCore

/// libFuzzer target: the engine as it runs (SIMD prefilter, probe matrix, digit gates,
/// candidate screens, PCRE2 confirmation) must decide every input exactly as the reference
/// masker, which tries every built-in rule at every position with no prefilter at all. The
/// native parts that decide without PCRE2 (the phone rules' ``CandidateScreen``s) are
/// therefore proven against their patterns on whatever libFuzzer generates.
///
/// The first byte picks the format (text or JSON); the rest is the document. A difference
/// traps, with the offsets and rule names only (never the bytes: they may look like PII).
nonisolated(unsafe) let engine = try! MaskingEngine.builtin()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let format: StreamMasker.Format = data[0] & 1 == 0 ? .text : .auto
    let input = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let streamed = engine.mask(input, format: format)
    let reference = ReferenceMasker(engine: engine).mask(input, format: format)
    if streamed.findings != reference.findings || streamed.output != reference.output {
        let a = streamed.findings.map { "\($0.rule)@\($0.start)..<\($0.end)" }
        let b = reference.findings.map { "\($0.rule)@\($0.start)..<\($0.end)" }
        fatalError("engine and reference differ: engine \(a), reference \(b)")
    }
    return 0
}

/// libFuzzer's driver, called from the entry point SwiftPM gives an executable target (it
/// links the target's `main` under this name; libFuzzer's own `main` is not used).
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("EngineFuzz_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return runDriver(&count, &vector) { data, size in fuzz(data, size) }
}

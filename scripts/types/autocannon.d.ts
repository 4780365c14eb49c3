// The part of autocannon 9's API the benchmarks use (the package ships no types).
declare module 'autocannon' {
	namespace autocannon {
		type Request = { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }
		type Options = {
			url: string
			connections?: number
			duration?: number
			method?: string
			headers?: Record<string, string>
			body?: string
			requests?: (Request & { setupRequest?: (req: Request, context: Record<string, unknown>) => Request })[]
		}
		type Histogram = { average: number; mean: number; stddev: number; min: number; max: number; total: number; p50: number; p90: number; p97_5: number; p99: number; p99_9: number }
		type Result = { requests: Histogram; latency: Histogram; throughput: Histogram; errors: number; timeouts: number; non2xx: number; '2xx': number; duration: number }
	}
	function autocannon(opts: autocannon.Options): Promise<autocannon.Result>
	export default autocannon
}

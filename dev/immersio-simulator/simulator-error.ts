/** Thrown by the simulator's methods; the server answers it as `{ error: { code, message } }` with its status. */
export class SimulatorError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

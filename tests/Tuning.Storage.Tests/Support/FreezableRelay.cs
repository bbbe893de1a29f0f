using System.Net;
using System.Net.Sockets;

namespace Tuning.Storage.Tests;

/// <summary>
/// A TCP relay to a server that can be frozen: while frozen it passes no byte either way and accepts connections it
/// never relays, as a hung server or a network that drops packets without a reset does.
/// </summary>
internal sealed class FreezableRelay : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = [];
    private volatile bool _frozen;

    public FreezableRelay(string host, int port)
    {
        _host = host;
        _port = port;
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>Gets the local port to connect to instead of the server's.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Stops every byte from now on, on the connections open and on those still to come.</summary>
    public void Freeze() => _frozen = true;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                var server = new TcpClient();
                lock (_clients)
                {
                    _clients.Add(client);
                    _clients.Add(server);
                }

                await server.ConnectAsync(_host, _port, _stop.Token).ConfigureAwait(false);
                _ = PumpAsync(client.GetStream(), server.GetStream());
                _ = PumpAsync(server.GetStream(), client.GetStream());
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The relay is disposed.
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        byte[] buffer = new byte[16384];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                int read = await from.ReadAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                while (_frozen && !_stop.IsCancellationRequested)
                {
                    await Task.Delay(50, _stop.Token).ConfigureAwait(false);
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or IOException or SocketException)
        {
            // Either side closed, or the relay is disposed.
        }
    }
}
